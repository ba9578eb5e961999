// Roles of the city's science-and-technology procedures (承市科规〔2022〕1号、2号), shared by 揭榜挂帅 and 包干制.
import type { RoleDef } from '../../platform/roles.js';

export const SCIENCE_BUREAU: RoleDef = { id: 'science_bureau', label: '市科技局', level: 'city', needsUnit: true };
export const COUNTY_SCIENCE: RoleDef = {
  id: 'county_science',
  label: '县级科技管理部门',
  level: 'county',
  placedAt: 'county',
  needsUnit: true,
  supervisor: 'science_bureau',
};
// An expert is not placed in the area tree: the procedure's access policy says which cases an expert reads.
export const EXPERT: RoleDef = { id: 'expert', label: '评审专家', level: 'city' };
