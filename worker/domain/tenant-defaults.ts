/** 系统/行业 a new office starts with: the channels provincial offices commonly rank by. */
export const DEFAULT_SECTORS = [
  ["party", "党政机关"],
  ["education", "教育"],
  ["health", "卫生健康"],
  ["science", "科技"],
  ["culture", "文化旅游"],
  ["justice", "政法"],
  ["finance", "金融"],
  ["transport", "交通运输"],
  ["construction", "住房城建"],
  ["agriculture", "农业农村"],
  ["soe", "国有企业"],
  ["mass", "群团组织"],
] as const;

/** 单位类别 a new office starts with. */
export const DEFAULT_UNIT_KINDS = [
  ["organ", "机关"],
  ["institution", "事业单位"],
  ["enterprise", "企业"],
  ["school", "学校"],
  ["hospital", "医院"],
  ["association", "社会团体"],
  ["community", "社区"],
] as const;

/** Settings a new office starts with: a 7-day calendar notice (the most common rule) and a 3-year title term. */
export const DEFAULT_TENANT_SETTINGS = {
  noticeDays: 7,
  noticeWorkingDays: false,
  holidays: [] as string[],
  termYears: 3,
};

export type SectorCode = (typeof DEFAULT_SECTORS)[number][0];
export type UnitKindCode = (typeof DEFAULT_UNIT_KINDS)[number][0];
