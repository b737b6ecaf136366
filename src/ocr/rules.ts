/**
 * rules/ocr.yaml: render DPI, ruling detection, cell recognition and text clean-up settings
 * (documented in rules/README-ocr.md). Loaded through a zod schema like the other rule files, so a bad
 * value is reported as `rules/ocr.yaml:LINE: problem`.
 */
import { z } from 'zod';

const regex = z.string().refine((s) => {
  try {
    new RegExp(s, 'gu');
    return true;
  } catch {
    return false;
  }
}, 'not a valid JavaScript regular expression');

const positive = z.number().positive();

export const ocrRulesSchema = z.strictObject({
  lexicon: z.strictObject({ min_length: z.number().int().min(3), free_length: z.number().int().min(3), confusions: z.record(z.string().length(1), z.string().length(1)), phrases: z.array(z.string().min(1)) }),
  review: z.strictObject({ below_confidence: z.number().min(0).max(1) }),
  render: z.object({
    dpi: positive,
    min_dpi: positive,
    max_dpi: positive,
    scan_coverage: z.number().min(0).max(1),
  }),
  // optional so that rule sets written before deskew existed still load (no deskew then)
  deskew: z
    .object({
      max_deg: positive,
      min_deg: z.number().min(0),
    })
    .optional(),
  despeckle: z
    .object({
      max_size_in: positive,
      isolation_in: positive,
      flank_in: positive,
    })
    .optional(),
  // optional: without it pages are never turned
  orientation: z
    .object({
      poor_confidence: z.number().min(0).max(100),
      sample: z.number().positive().max(1),
      gain: z.number().min(1),
    })
    .optional(),
  // grey level below which a pixel is text ink (deskew, despeckle, cell crops); rulings judge their own
  ink_threshold: z.number().int().min(1).max(255),
  rulings: z.object({
    min_length_in: positive,
    min_cell_in: positive,
    max_thickness_in: positive,
    window_in: positive,
    sensitivity: positive,
    min_contrast: positive,
    bridge_in: positive,
    align_tolerance_in: positive,
  }),
  cells: z.object({
    inset_in: z.number().min(0),
    pad_in: z.number().min(0),
    min_ink: z.number().min(0).max(1),
    single_line_max: positive,
    numeric_whitelist: z.string().min(1),
    numeric_column_share: z.number().min(0).max(1),
    numeric_pattern: regex,
    edge_threshold: z.number().int().min(1).max(255).optional(),
  }),
  cleanup: z.object({
    collapse_cjk_spaces: z.boolean(),
    replace: z.array(z.object({ name: z.string(), pattern: regex, to: z.string() })),
  }),
});

export type OcrRules = z.infer<typeof ocrRulesSchema>;
