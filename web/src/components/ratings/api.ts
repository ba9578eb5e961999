// Typed fetch helpers for 好差评 (src/ratings/routes.ts), with the bearer token of the signed-in user.
import { json } from '../../caseApi';
import type { RatingService } from '../../../../src/ratings/service';

export type CaseRating = Awaited<ReturnType<RatingService['forCase']>>;
export type RatingView = NonNullable<CaseRating['rating']>;
export type FollowUpView = NonNullable<RatingView['followUp']>;
export type FollowUpList = Awaited<ReturnType<RatingService['followUps']>>;
export type FollowUpItem = FollowUpList['items'][number];
export type RatingSummary = Awaited<ReturnType<RatingService['summary']>>;

const enc = encodeURIComponent;

export const ratingApi = {
  ofCase: (caseId: string, signal?: AbortSignal) => json<CaseRating>(`/api/cases/${enc(caseId)}/rating`, { signal }),
  rate: (caseId: string, body: { score: number; comment?: string }) => json<CaseRating>(`/api/cases/${enc(caseId)}/rating`, { body }),
  followUps: (status: 'open' | 'replied' | undefined, signal?: AbortSignal) =>
    json<FollowUpList>(`/api/ratings/followups${status ? `?status=${status}` : ''}`, { signal }),
  reply: (id: number, reply: string) => json<RatingView>(`/api/ratings/followups/${id}/reply`, { body: { reply } }),
  summary: (signal?: AbortSignal) => json<RatingSummary>('/api/ratings/summary', { signal }),
};

/** The five levels, worst first as the stars run (1 ★ 非常不满意 … 5 ★ 非常满意). */
export const LEVEL_LABELS = ['非常不满意', '不满意', '基本满意', '满意', '非常满意'];
export const levelText = (score: number) => LEVEL_LABELS[score - 1] ?? '';
