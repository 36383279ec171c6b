import type { CliCommand } from '../command';
import { agreementCommand } from './agreement';
import { auditVerifyCommand } from './audit-verify';
import { auditKeyExportCommand, auditKeyImportCommand, auditKeyNewCommand } from './audit-key';
import { backupCommand } from './backup';
import { consensusExportCommand } from './consensus-export';
import { datasetBuildCommand } from './dataset-build';
import { demoCommand } from './demo';
import { importCommand } from './import';
import { inspectCommand } from './inspect';
import { phantomCommand } from './phantom';
import { readsExportCommand } from './reads-export';
import { restoreCommand } from './restore';
import { studyCreateCommand } from './study-create';
import { trainCommand } from './train';
import { evaluateCommand } from './evaluate';
import { predictCommand } from './predict';
import { modelExportCommand } from './model-export';
import { supportCommand } from './support';

/** Every `bme` command, in the order --help lists them. Each command lives in its own file here. */
export const commands: readonly CliCommand[] = [
  studyCreateCommand,
  importCommand,
  inspectCommand,
  phantomCommand,
  demoCommand,
  readsExportCommand,
  agreementCommand,
  consensusExportCommand,
  datasetBuildCommand,
  trainCommand,
  evaluateCommand,
  predictCommand,
  modelExportCommand,
  backupCommand,
  restoreCommand,
  auditVerifyCommand,
  auditKeyExportCommand,
  auditKeyImportCommand,
  auditKeyNewCommand,
  supportCommand,
];
