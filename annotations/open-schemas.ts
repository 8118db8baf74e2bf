// The input schemas of the open-in-stages methods (contract-open.ts), spread into INPUT_SCHEMAS (schemas.ts).
import * as v from 'valibot';
import { MAX_ANNOTATION_PAGE } from './contract-open';
import { Id, Offset } from './schema-parts';

const PageLimit = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_ANNOTATION_PAGE));

/** Each open-in-stages method's argument schema. */
export const OPEN_INPUT_SCHEMAS = {
  openDocumentText: v.strictObject({ documentId: Id }),
  openAnnotations: v.strictObject({
    documentId: Id,
    range: v.optional(
      v.pipe(
        v.strictObject({ start: Offset, end: Offset }),
        v.check((r) => r.start < r.end, 'must start before it ends'),
      ),
    ),
    after: v.optional(v.strictObject({ start: Offset, created: v.pipe(v.string(), v.maxLength(64)), id: Id })),
    limit: v.optional(PageLimit),
  }),
  annotationNotes: v.strictObject({
    documentId: Id,
    ids: v.pipe(v.array(Id), v.maxLength(MAX_ANNOTATION_PAGE, `holds more than ${MAX_ANNOTATION_PAGE} ids`)),
  }),
};
