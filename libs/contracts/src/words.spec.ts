import { countWords } from './words';

describe('countWords', () => {
  it('counts runs of text that hold a letter or a digit', () => {
    expect(countWords('Two words')).toBe(2);
    expect(countWords('  spaced\n\nout\tacross lines  ')).toBe(4);
    expect(countWords('dash — and - alone are not words')).toBe(6);
    expect(countWords("it's 3am, café-au-lait!")).toBe(3);
    expect(countWords('数字 ١٢٣')).toBe(2);
  });

  it('finds none in nothing', () => {
    expect(countWords('')).toBe(0);
    expect(countWords('   \n ')).toBe(0);
    expect(countWords('— … !')).toBe(0);
  });
});
