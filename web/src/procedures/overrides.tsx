// What a procedure shows beyond the generic screens (web/src/cases/), keyed by procedure id. A procedure
// with no entry here is filed, shown and acted on entirely from its published schemas.
import type { ComponentType } from 'react';
import type { CaseView } from '../caseApi';
import type { FieldDef } from '../components/ActionModal';
import { HOMESTEAD_ACTION_FIELDS } from './homestead/actionFields';
import { SCIENCE_ACTION_FIELDS } from './science/ScienceActionFields';
import { ApplicationView } from '../components/CaseSections';
import {
  BaoganProjectView,
  BaoganRecord,
  ChallengersCard,
  DemandView,
  FundingCard,
  JiebangRecord,
  ScoresCard,
  TaskBookCard,
} from './science/ScienceCaseSections';

export interface ProcedureOverrides {
  /** The application as filed (default: drawn from the application schema). */
  ApplicationView?: ComponentType<{ c: CaseView }>;
  /** What the actions recorded (default: the generic record list). */
  RecordView?: ComponentType<{ c: CaseView }>;
  /** Cards shown above the record (scores, challengers, funding…). */
  ExtraCards?: ComponentType<{ c: CaseView }>;
  /** Hand-made fields of an action form, by action id (default: drawn from the action's payload schema). */
  actionFields?: Record<string, FieldDef[]>;
  /** Actions taken on a page of their own rather than in the action form: the page's URL. */
  actionPages?: Record<string, (c: CaseView) => string>;
}

// 揭榜挂帅's 公示 result is asked in its own words (the homestead one has a note as well).
const { 'jiebang:end_publicity': jiebangPublicity, ...science } = SCIENCE_ACTION_FIELDS;
const JIEBANG_FIELDS: Record<string, FieldDef[]> = { ...science, end_publicity: jiebangPublicity };

export const OVERRIDES: Record<string, ProcedureOverrides> = {
  homestead: {
    ApplicationView: ({ c }) => <ApplicationView a={c.application} />,
    actionFields: HOMESTEAD_ACTION_FIELDS,
    // A corrected application is the whole form again, with the live assessment.
    actionPages: { resubmit: (c) => `/homestead/apply?resubmit=${encodeURIComponent(c.id)}` },
  },
  jiebang: {
    ApplicationView: ({ c }) => <DemandView a={c.application} />,
    RecordView: JiebangRecord,
    actionFields: JIEBANG_FIELDS,
    ExtraCards: ({ c }) => (
      <>
        <ScoresCard c={c} />
        <ChallengersCard c={c} />
        <TaskBookCard c={c} />
        <FundingCard c={c} />
      </>
    ),
    // Enterprises apply from the public 榜单 with their plan.
    actionPages: { apply: (c) => `/jiebang?apply=${encodeURIComponent(c.id)}` },
  },
  baogan: {
    ApplicationView: ({ c }) => <BaoganProjectView a={c.application} />,
    RecordView: BaoganRecord,
    actionFields: SCIENCE_ACTION_FIELDS,
  },
};
