// 乡村建设规划许可证 and 农村宅基地批准书, issued on approval (隆政发〔2022〕11号 第十六条第四款第（一）项),
// and the 农村宅基地和建房验收意见表 after acceptance (第（三）项).
import { maskIdNumber } from '../../engine/personal-data.js';
import { renderCertificate } from '../../engine/pdf.js';
import type { CertificateDef } from '../../engine/procedure.js';
import { ELIGIBILITY_GROUNDS, LAND_CLASSES, type HomesteadApplication } from './form.js';
import { needsConstructionPermit } from './rules.js';

type Record_ = { approval?: { date: string }; acceptance?: { date: string; passed: boolean; opinion: string }; stakeout?: { date: string } };
const AFTER_APPROVAL = ['approved', 'stakeout', 'construction', 'acceptance', 'registration', 'registered'];
const four = (a: HomesteadApplication) =>
  `东至${a.plot.boundaries.east}，南至${a.plot.boundaries.south}，西至${a.plot.boundaries.west}，北至${a.plot.boundaries.north}`;
const issuer = (township: string) => `${township}人民政府`;

export const HOMESTEAD_CERTIFICATES: CertificateDef<HomesteadApplication>[] = [
  {
    id: 'homestead-approval',
    label: '农村宅基地批准书',
    availableIn: AFTER_APPROVAL,
    render: (c) => {
      const a = c.application;
      const r = c.record as Record_;
      return renderCertificate({
        title: '农村宅基地批准书',
        number: `${a.applicant.township}宅批〔${r.approval!.date.slice(0, 4)}〕${c.id}`,
        rows: [
          ['户主姓名', a.applicant.name],
          ['身份证号', maskIdNumber(a.applicant.idNumber)],
          ['家庭成员', a.household.members.map((m) => `${m.name}（${m.relation}）`).join('、')],
          ['宅基地坐落', `${a.applicant.county}${a.applicant.township}${a.applicant.village} ${a.plot.address}`],
          ['四至', four(a)],
          ['批准用地面积', `${a.plot.area} 平方米（其中房屋占地 ${a.building.footprint} 平方米）`],
          ['地类', a.plot.landClass as (typeof LAND_CLASSES)[number]],
          ['用途', `农村村民住宅（${a.building.type}）`],
          ['申请理由', ELIGIBILITY_GROUNDS[a.eligibilityGround]],
          ['批准日期', r.approval!.date],
        ],
        notes: [
          '须按批准面积和四至使用土地；开工前申请乡镇到场丈量批放（二到场）。',
          '自批准之日起连续二年未开工建设的，村级组织可报原批准机关批准收回宅基地（第二十五条第（五）项）。',
        ],
        basis: ['隆政发〔2022〕11号 第十六条第四款第（一）项', '第十八条', '第十九条'],
        issuer: issuer(a.applicant.township),
        date: r.approval!.date,
      });
    },
  },
  {
    id: 'planning-permit',
    label: '乡村建设规划许可证',
    availableIn: AFTER_APPROVAL,
    render: (c) => {
      const a = c.application;
      const r = c.record as Record_;
      return renderCertificate({
        title: '乡村建设规划许可证',
        number: `乡字第 ${r.approval!.date.slice(0, 4)}-${c.id} 号`,
        rows: [
          ['建设单位（个人）', a.applicant.name],
          ['建设项目名称', `农村村民住宅（${a.building.type}）`],
          ['建设位置', `${a.applicant.county}${a.applicant.township}${a.applicant.village} ${a.plot.address}`],
          ['用地面积', `${a.plot.area} 平方米`],
          [
            '建设规模',
            `占地 ${a.building.footprint} 平方米，建筑面积 ${a.building.floorArea} 平方米，${a.building.floors} 层，各层层高 ${a.building.floorHeights.join('／')} 米`,
          ],
          ['标准图集', a.building.standardDesign ?? '—'],
          ['开工许可', needsConstructionPermit(a) ? '达到限额（投资 100 万元或建筑面积 500 平方米以上），须另行办理开工许可' : '限额以下，无需办理开工许可'],
          ['发证日期', r.approval!.date],
        ],
        notes: ['建筑层数原则上不超过三层，底层层高不超过 4.5 米，标准层层高不超过 3.6 米，建筑密度不超过 70%（第二十条）。'],
        basis: ['隆政发〔2022〕11号 第十六条第四款第（一）项', '第二十条第二款'],
        issuer: issuer(a.applicant.township),
        date: r.approval!.date,
      });
    },
  },
  {
    id: 'acceptance-opinion',
    label: '农村宅基地和建房验收意见表',
    availableIn: ['registration', 'registered'],
    render: (c) => {
      const a = c.application;
      const r = c.record as Record_;
      return renderCertificate({
        title: '农村宅基地和建房验收意见表',
        number: `${a.applicant.township}宅验〔${r.acceptance!.date.slice(0, 4)}〕${c.id}`,
        rows: [
          ['户主姓名', a.applicant.name],
          ['宅基地坐落', `${a.applicant.village} ${a.plot.address}`],
          ['批准面积', `${a.plot.area} 平方米；建筑面积 ${a.building.floorArea} 平方米，${a.building.floors} 层`],
          ['开工查验（二到场）', r.stakeout?.date ?? '—'],
          ['验收日期（三到场）', r.acceptance!.date],
          ['验收结论', r.acceptance!.passed ? '合格' : '不合格'],
          ['验收意见', r.acceptance!.opinion],
        ],
        notes: ['验收合格后，依法向县不动产登记机构申请办理不动产登记（第十六条第四款第（四）项）。'],
        basis: ['隆政发〔2022〕11号 第十六条第四款第（三）项'],
        issuer: issuer(a.applicant.township),
        date: r.acceptance!.date,
      });
    },
  },
];
