// 保障性租赁住房项目认定书 (承市政办字〔2022〕48号 三、（二）：审查通过后，授权住房和城乡建设部门出具项目认定书):
// numbered, listing exactly the benefits the articles give this kind of project, each with its citation, and the
// hand-offs that follow.
import { renderCertificate } from '../../engine/pdf.js';
import type { CertificateDef } from '../../engine/procedure.js';
import { PROJECT_KINDS, totalFloorArea, totalUnits, type Project } from './form.js';
import type { Benefit } from './rules.js';

const AFTER = ['recognised', 'operating', 'closed'];

export function recognitionNumberOf(p: Project, id: string, date: string): string {
  return `${p.place.county}住建保租认〔${date.slice(0, 4)}〕${id}号`;
}

export const RENTAL_HOUSING_CERTIFICATES: CertificateDef<Project>[] = [
  {
    id: 'project-recognition',
    label: '保障性租赁住房项目认定书',
    availableIn: AFTER,
    render: (c) => {
      const a = c.application;
      const r = c.record as { recognition: { date: string; benefits: Benefit[] }; joint?: any };
      const round = (c.record.joint as any)?.review_opinion?.rounds?.at(-1);
      const units = a.units.map((u) => `${u.floorArea} 平方米 × ${u.count} 套`).join('；');
      return renderCertificate({
        title: '保障性租赁住房项目认定书',
        number: recognitionNumberOf(a, c.id, r.recognition.date),
        rows: [
          ['项目名称', a.name],
          ['项目单位', `${a.owner.name}（统一社会信用代码 ${a.owner.creditCode}）`],
          ['项目地址', `${a.place.county}${a.place.township}${a.place.village} ${a.address}`],
          ['项目类型', PROJECT_KINDS[a.kind]],
          ['建设规模', `${totalUnits(a)} 套，建筑面积 ${totalFloorArea(a)} 平方米（${units}）`],
          ['租金', `计划租金 ${a.rent.planned} 元/平方米·月，低于同地段同品质市场租金`],
          ['领导小组审查', round ? `${round.decidedOn} 审查通过（${Object.keys(round.opinions).length} 个成员单位同意）` : '审查通过'],
          ['享受的支持政策', r.recognition.benefits.map((b, i) => `${i + 1}. ${b.name}（${b.cites}）`).join('\n')],
          [
            '后续手续',
            `持本认定书办理立项、${a.land.rightsChange ? '用地、' : ''}规划、施工、消防等手续${a.land.rightsChange ? '' : '（不涉及土地权属变化，以原用地手续作为土地证明文件）'}`,
          ],
          ['认定日期', r.recognition.date],
        ],
        notes: [
          '保障性租赁住房面向符合条件的保障对象出租，不得转租转借，不得上市销售或变相销售（二、（五））。',
          '租金应低于同地段同品质市场租赁住房租金，市场租金原则上一年评估一次（二、（二））。',
        ],
        basis: ['承市政办字〔2022〕48号 三、（二）', ...new Set(r.recognition.benefits.map((b) => b.cites))],
        issuer: `${a.place.county}住房和城乡建设局`,
        date: r.recognition.date,
        footer: '本认定书由政务 Zhengwu 依据认定记录生成；以加盖公章的纸质认定书为准。',
      });
    },
  },
];
