import { scanGolden } from './scan-golden.js';

// The scanned form of the sample (36 image-only pages at 300 dpi): every page goes through OCR.
// Floors measured on this machine (see the closing note) with a little room below them; a
// drop under them is a regression of the OCR stage, not noise.
scanGolden({ id: 'urumqi-gxj-2021-scan300', dpi: 300, floor: { all: 0.88, facts: 0.74, indicators: 0.93, evaluation_funds: 0.97 } });
