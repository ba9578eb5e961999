// The shape of a procedure module: everything the platform needs to run one procedure, in its own
// folder (src/procedures/<id>/index.ts). The server, the CLI, the demo accounts, the navigation, the
// cases list and the inbox read these; no other layer names a procedure.
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { Actor, NewUser } from '../../auth/service.js';
import type { Db } from '../../db/connection.js';
import type { CaseEngine } from '../../engine/cases.js';
import type { ProcedureDefinition } from '../../engine/procedure.js';
import type { AreaLevel } from '../../platform/areas.js';
import type { RoleDef } from '../../platform/roles.js';
import type { DutyDef } from '../../duties/catalogue.js';

/** What a module's extra routes receive. */
export interface ModuleRouteOptions {
  db: Db;
  engine: CaseEngine;
  actorOf: (req: FastifyRequest) => Promise<Actor>;
  today: () => string;
}

/** A module's own CLI command: `zhengwu <cliName> <command> …`. Returns the exit code; throws InputError/UserError for bad input. */
export interface ModuleCommand {
  usage: string;
  run: (args: string[], flags: { json?: boolean; month?: string; county?: string }, io: { readJson: (file: string | undefined) => unknown }) => Promise<number>;
}

/** Hints for the generic screens (web/src/cases/): none is needed for them to work. */
export interface ModuleUi {
  /** One line for the list of services (办事指南). */
  summary: string;
  /** What the three levels of the area path are called here (rural 县/乡镇/村 or urban 区/街道/社区). */
  areaLabels?: Record<AreaLevel, string>;
  /** A public page of the procedure in the web app, when it has one (e.g. /homestead). */
  page?: string;
  /** The web route of an override intake page; without it the generic intake form is used. */
  intakePage?: string;
  /** Navigation group. */
  group?: string;
  /** 常见问题 of the 办事指南, each answered from an article (checked against the library by the tests). */
  faqs?: import('../../guide/guide.js').Faq[];
  /** A short label for the navigation, for the roles that land on `page` (e.g. 花名册). */
  navLabel?: string;
  /** Where an account of a role lands after signing in, when this procedure is its main work (e.g. experts: the demands to score). */
  landing?: Record<string, string>;
}

/**
 * A plan indicator the module's own records compute (月探访率 from the visit log): shown beside the reported
 * figures with its formula, what it counted and when. Aggregates only: no personal data.
 */
export interface ComputedIndicator {
  value: number | null;
  unit: string;
  period: string;
  formula: string;
  computedAt: string;
  numerator: { label: string; count: number };
  denominator: { label: string; count: number };
  /** The same figure one level down (per county, township), for the drill-down. */
  breakdown: { label: string; value: number | null; numerator: number; denominator: number }[];
  /** The last complete period, when the current one is still running. */
  previous: { period: string; value: number | null; numerator: number; denominator: number } | null;
  /** Where the records are (a page of the web app) and the articles the figure rests on. */
  page: string;
  cites: string[];
}

export interface ProcedureModule {
  definition: ProcedureDefinition<any, any>;
  /** Roles this procedure brings (platform roles need not be repeated). */
  roles?: RoleDef[];
  /** 【演示】 accounts created on an empty database. */
  demoUsers?: NewUser[];
  routes?: FastifyPluginAsync<ModuleRouteOptions>;
  /** `zhengwu <cliName> …` (the generic `zhengwu procedure schema|assess <id>` exists for every module). */
  cliName?: string;
  cli?: Record<string, ModuleCommand>;
  ui: ModuleUi;
  /** Recurring duties the procedure's text sets (e.g. a yearly report due by 5月底), assigned to its roles. */
  duties?: DutyDef[];
  /**
   * A valid application and the demo account that files it: the tests that walk every procedure use it.
   * `needs`: a case to file first, whose id goes into the application's `field` (an enrolment names its exam).
   */
  /** Plan indicators computed from this module's records (matched on the indicator's printed name). */
  indicators?: { matches: (indicator: { name: string; document: string }) => boolean; compute: (db: Db, today: string) => Promise<ComputedIndicator> }[];
  example?: { filer: string; application: unknown; needs?: { filer: string; procedure: string; application: unknown; field: string } };
}
