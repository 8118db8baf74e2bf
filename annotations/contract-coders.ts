// The coders part of the host contract (contract.ts): naming the own coder, listing the layers, two coders'
// agreement and merging their coding. What these methods take and answer is in agreement/requests.ts.
import type {
  AgreementQuery,
  CoderStatus,
  CoderSummary,
  ExportAgreementInput,
  MergeLayersInput,
  MergeLayersResult,
} from './agreement/requests';
import type { AgreementTable } from './agreement/table';
import type { ExportedReport } from './contract';

/** The contract's coder and agreement methods (GlossHost extends it). */
export interface CodersHost {
  /** Names the data folder's own coder; annotations under the former name keep belonging to it. */
  setCoderName(input: { name: string }): Promise<CoderStatus>;
  /** The coders whose annotations the data folder holds (their layers), the own coder first. */
  listCoders(input: Record<string, never>): Promise<CoderSummary[]>;
  /** Agreement of two coders per theme per document and overall, with where they disagree. */
  getAgreement(input: AgreementQuery): Promise<AgreementTable>;
  /** The agreement report as a file (HTML, CSV or JSON). */
  exportAgreement(input: ExportAgreementInput): Promise<ExportedReport>;
  /** Merges two coders' coding of a theme in a document into a new layer, each disagreement as decided; the sources stay. */
  mergeLayers(input: MergeLayersInput): Promise<MergeLayersResult>;
}

/** The coder methods' names, as a value (contract.ts spreads it into METHOD_SET, so each transport loops over them too). */
export const CODERS_METHOD_SET: Record<keyof CodersHost, true> = {
  setCoderName: true,
  listCoders: true,
  getAgreement: true,
  exportAgreement: true,
  mergeLayers: true,
};
