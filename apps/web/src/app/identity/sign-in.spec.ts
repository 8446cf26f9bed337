import { safeReturnUrl } from './sign-in';

describe('safeReturnUrl', () => {
  it('keeps paths inside Hearth', () => {
    expect(safeReturnUrl('/courses/group-support?tab=1')).toBe('/courses/group-support?tab=1');
  });

  it('refuses other sites and odd values, falling back to my learning', () => {
    for (const value of ['https://evil.example', '//evil.example/x', 'javascript:alert(1)', '', null]) {
      expect(safeReturnUrl(value)).toBe('/learning');
    }
  });
});
