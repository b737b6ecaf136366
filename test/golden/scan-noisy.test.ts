import { scanGolden } from './scan-golden.js';

// The sample as a realistic noisy office scan (scripts/make-noisy-scan.ts: 36 image-only pages at
// 200 dpi, each rotated 0.3–0.8°, blurred, contrast lost, noise, specks, JPEG): deskew, contrast stretch
// and despeckle (rules/ocr.yaml) must hold up. Floors measured on this machine with a little room below
// them; a drop under them is a regression of the OCR stage, not noise.
scanGolden({ id: 'urumqi-gxj-2021-scan200-noisy', dpi: 200, floor: { all: 0.74, facts: 0.9, indicators: 0.73, evaluation_funds: 0.63 } });
