/** Schema of rules/departments.yaml: how department names are matched across years and printings (issue 12). */
import { z } from 'zod';

const name = z.string().trim().min(1);

export const departmentRulesSchema = z
  .strictObject({
    normalise: z.strictObject({
      /** cut from the end of a normalised name, repeatedly ("(本级)") */
      strip_suffixes: z.array(name),
    }),
    /** renames: `name` the series are filed under, `also` its other names */
    aliases: z.array(z.strictObject({ name, also: z.array(name).min(1) })),
  })
  .superRefine((r, ctx) => {
    // a name in two groups would make two departments one, depending on the order of the file
    const seen = new Map<string, number>();
    r.aliases.forEach((a, i) => {
      for (const n of [a.name, ...a.also]) {
        const prev = seen.get(n);
        if (prev !== undefined && prev !== i) ctx.addIssue({ code: 'custom', message: `“${n}” is in two alias groups (${prev} and ${i})`, path: ['aliases', i] });
        seen.set(n, i);
      }
    });
  });

export type DepartmentRules = z.infer<typeof departmentRulesSchema>;
