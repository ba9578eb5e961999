// The hand-made action forms of 宅基地审批 (src/procedures/homestead/procedure.ts), with labels and hints
// the payload schemas do not carry.
import type { FieldDef } from '../../components/ActionModal';

const reason = (label = '理由'): FieldDef => ({ name: 'reason', label, kind: 'textarea' });

/** The 宅基地审批 action forms, field by field (actions not listed are drawn from their payload schema). */
export const HOMESTEAD_ACTION_FIELDS: Record<string, FieldDef[]> = {
  return_for_correction: [reason('退回补正理由（需补正的内容）')],
  record_meeting: [
    { name: 'present', label: '到会人数', kind: 'count' },
    { name: 'agree', label: '同意人数', kind: 'count' },
    { name: 'minutes', label: '会议记录摘要', kind: 'textarea', optional: true },
  ],
  record_group_meeting: [
    { name: 'households', label: '本组户数', kind: 'count' },
    { name: 'present', label: '到会户代表数', kind: 'count' },
    { name: 'agree', label: '同意人数', kind: 'count' },
    { name: 'minutes', label: '会议记录摘要', kind: 'textarea', optional: true },
  ],
  end_publicity: [
    { name: 'objections', label: '公示结果', kind: 'objections' },
    { name: 'note', label: '说明', kind: 'textarea', optional: true },
  ],
  reject_check: [reason('不通过理由')],
  site_inspection: [
    { name: 'findings', label: '实地审查情况', kind: 'textarea', placeholder: '如：四至清楚，地类为建设用地' },
    { name: 'conformsToPlan', label: '拟用地符合规划和地类', kind: 'yesno', yes: '符合', no: '不符合' },
  ],
  extend_deadline: [reason('延期理由（将告知申请人）')],
  refuse: [reason('不予批准理由')],
  stake_out: [{ name: 'note', label: '说明', kind: 'textarea', optional: true, placeholder: '如：已丈量批放' }],
  report_completion: [{ name: 'completedOn', label: '完工日期', kind: 'date' }],
  accept_works: [
    { name: 'passed', label: '验收结论', kind: 'yesno', yes: '合格', no: '不合格（整改后重新验收）' },
    { name: 'opinion', label: '验收意见', kind: 'textarea' },
  ],
  withdraw: [reason('撤回理由')],
  record_department_opinion: [
    { name: 'department', label: '部门', kind: 'text', placeholder: '如：县供电公司' },
    { name: 'requestedOn', label: '征求意见日期', kind: 'date' },
    { name: 'opinion', label: '部门意见', kind: 'textarea' },
  ],
  // Transfer, reclaim and patrol need no entries: their forms are drawn from the published payload schemas.
};
