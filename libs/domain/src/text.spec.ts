import { foldForSearch, normalizeText } from './text';

describe(foldForSearch.name, () => {
  it.each([
    ['Hà Nội', 'ha noi'],
    ['HÀ NỘI', 'ha noi'],
    ['Thừa Thiên Huế', 'thua thien hue'],
    ['Đắk Lắk', 'dak lak'],
    ['Đồng  Tháp', 'dong thap'],
    ['Bà Rịa - Vũng Tàu', 'ba ria - vung tau'],
    // decomposed input (NFD, as some keyboards send it) folds the same
    ['Ha\u0300 No\u0302\u0323i', 'ha noi'],
  ])('%s → %s', (input, expected) => {
    expect(foldForSearch(input)).toBe(expected);
  });
});

describe(normalizeText.name, () => {
  it('stores NFC and trims', () => {
    const nfd = ' Ha\u0300 No\u0302\u0323i ';
    expect(normalizeText(nfd)).toBe('Hà Nội');
    expect(normalizeText(nfd)).toHaveLength(6);
  });
});
