// What a procedure shows beyond the generic screens (web/src/cases/), keyed by procedure id. A procedure
// with no entry here is filed, shown and acted on entirely from its published schemas.
import type { ComponentType } from 'react';
import type { CaseView } from '../caseApi';
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
} from '../components/ScienceCaseSections';

export interface ProcedureOverrides {
  /** The application as filed (default: drawn from the application schema). */
  ApplicationView?: ComponentType<{ c: CaseView }>;
  /** What the actions recorded (default: the generic record list). */
  RecordView?: ComponentType<{ c: CaseView }>;
  /** Cards shown above the record (scores, challengers, funding…). */
  ExtraCards?: ComponentType<{ c: CaseView }>;
  /** Actions taken on a page of their own rather than in the action form: the page's URL. */
  actionPages?: Record<string, (c: CaseView) => string>;
}

export const OVERRIDES: Record<string, ProcedureOverrides> = {
  homestead: {
    ApplicationView: ({ c }) => <ApplicationView a={c.application} />,
    // A corrected application is the whole form again, with the live assessment.
    actionPages: { resubmit: (c) => `/homestead/apply?resubmit=${encodeURIComponent(c.id)}` },
  },
  jiebang: {
    ApplicationView: ({ c }) => <DemandView a={c.application} />,
    RecordView: JiebangRecord,
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
  },
};
