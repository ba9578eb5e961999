// 【演示】 offices and villagers of 隆化县 who work the homestead procedures (隆政发〔2022〕11号).
import type { NewUser } from '../../auth/service.js';

export const HOMESTEAD_DEMO_USERS: NewUser[] = [
  { username: 'county', password: 'demo-county', displayName: '演示·隆化县农业农村局', role: 'county', county: '隆化县' },
  { username: 'township-tgt', password: 'demo-township', displayName: '演示·汤头沟镇人民政府', role: 'township', county: '隆化县', township: '汤头沟镇' },
  { username: 'township-hmy', password: 'demo-township', displayName: '演示·韩麻营镇人民政府', role: 'township', county: '隆化县', township: '韩麻营镇' },
  {
    username: 'village-tgt',
    password: 'demo-village',
    displayName: '演示·大汤头沟村宅基地协管员',
    role: 'village',
    county: '隆化县',
    township: '汤头沟镇',
    village: '大汤头沟村',
  },
  {
    username: 'village-hmy',
    password: 'demo-village',
    displayName: '演示·韩麻营村宅基地协管员',
    role: 'village',
    county: '隆化县',
    township: '韩麻营镇',
    village: '韩麻营村',
  },
  {
    username: 'zhangsan',
    password: 'demo-applicant',
    displayName: '演示·张三（大汤头沟村村民）',
    role: 'applicant',
    county: '隆化县',
    township: '汤头沟镇',
    village: '大汤头沟村',
  },
  {
    username: 'lisi',
    password: 'demo-applicant',
    displayName: '演示·李四（韩麻营村村民）',
    role: 'applicant',
    county: '隆化县',
    township: '韩麻营镇',
    village: '韩麻营村',
  },
];
