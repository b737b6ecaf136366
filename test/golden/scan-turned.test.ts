import { scanGolden } from './scan-golden.js';

// Four pages of the sample scanned at 200 dpi with office noise, three of them fed the wrong way
// (scripts/make-noisy-scan.ts FIXTURE_SCANS): the narrative's first page sideways (read turned 270°),
// a one-page 自评表 upside down (180°), 表五 sideways the other way (90°). Each is read upright; the truth
// is the sample's, restricted to the records printed on those pages. Floors measured on this machine
// with a little room below them (299/354 = 84.5% of all fields; facts 171/171).
scanGolden({ id: 'urumqi-gxj-2021-turned', dpi: 200, pages: 4, turned: { 1: 270, 3: 180, 4: 90 }, floor: { all: 0.82, facts: 0.97, indicators: 0.65, evaluation_funds: 0.5 } });
