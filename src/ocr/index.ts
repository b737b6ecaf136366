/** The OCR stage's public API (for src/pipeline.ts and the CLI). */
export { createOcrPool, CHI_SIM_LANG_PATH, PSM, type OcrPool, type RecognizeParams } from './engine.js';
export { ocrPage, type OcrPageOptions, type OcrPageResult } from './page.js';
export { decidePageSource, parseOcrMode, OCR_MODES, type OcrMode, type PageSourceDecision } from './decide.js';
export { ocrRulesSchema, type OcrRules } from './rules.js';
export { ocrSourcer, type OcrSetup } from './source.js';
export type { OcrTextItem } from './words.js';
