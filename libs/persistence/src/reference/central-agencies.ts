/** The central agencies of 2019 (domain.md "Units"), with their short codes. */
export const CENTRAL_AGENCIES_2019: ReadonlyArray<{ code: string; name: string }> = [
  { code: 'BCA', name: 'Bộ Công an' },
  { code: 'BTNMT', name: 'Bộ Tài nguyên và Môi trường' },
  { code: 'BKHDT', name: 'Bộ Kế hoạch và Đầu tư' },
  { code: 'BTP', name: 'Bộ Tư pháp' },
  { code: 'BHXH', name: 'Bảo hiểm xã hội Việt Nam' },
  { code: 'BTTTT', name: 'Bộ Thông tin và Truyền thông' },
  { code: 'VPCP', name: 'Văn phòng Chính phủ' },
];
