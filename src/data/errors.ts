/**
 * Errors of the data loaders. Kept here rather than in src/errors.ts because only src/data throws
 * them; both extend MyelinError, so `catch (e) { if (e instanceof MyelinError) … }` still works.
 */
import { MyelinError } from '../errors.js';

/**
 * A data file whose bytes are not what its format promises: a wrong IDX magic number, dims that
 * disagree with the file length (truncated or padded), a corrupt gzip stream, a CSV cell that is
 * not a number. The message is one line and names the file (and row/column for CSV).
 * @example new DataFormatError('loadMnist: bad magic').name // 'DataFormatError'
 */
export class DataFormatError extends MyelinError {}

/**
 * A data file or folder that is not there (MNIST not installed, a wrong `dir`); the message lists
 * the paths that were tried.
 * @example new DataNotFoundError('loadMnist: no file').name // 'DataNotFoundError'
 */
export class DataNotFoundError extends MyelinError {}
