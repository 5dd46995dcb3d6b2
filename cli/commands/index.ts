/** The CLI's commands, in the order `myelin --help` lists them: the only list of commands. */
import type { Command } from '../command.js';
import { trainCommand } from './train.js';
import { evalCommand } from './eval.js';
import { predictCommand } from './predict.js';
import { summaryCommand } from './summary.js';
import { inspectCommand } from './inspect.js';
import { reportCommand } from './report.js';
import { explainCommand } from './explain.js';

export const COMMANDS: readonly Command[] = [trainCommand, evalCommand, predictCommand, summaryCommand, inspectCommand, reportCommand, explainCommand];
