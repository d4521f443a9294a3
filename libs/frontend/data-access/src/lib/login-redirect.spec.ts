import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { loginUrlTree, safeReturnUrl } from './login-redirect';

describe('safeReturnUrl', () => {
  it.each([
    ['/tickets/42?tab=verlauf', '/tickets/42?tab=verlauf'],
    ['/', '/'],
    [null, '/'],
    [undefined, '/'],
    ['', '/'],
    ['tickets', '/'],
    ['https://evil.example/', '/'],
    ['//evil.example/', '/'],
    ['/\\evil.example', '/'],
    ['javascript:alert(1)', '/'],
    ['/login', '/'],
    ['/login?returnUrl=%2F', '/'],
  ])('%p → %p', (input, expected) => {
    expect(safeReturnUrl(input)).toBe(expected);
  });
});

describe('loginUrlTree', () => {
  it('puts the page into returnUrl, and leaves it out for the start page', () => {
    TestBed.configureTestingModule({ providers: [provideRouter([])] });
    const router = TestBed.inject(Router);

    expect(router.serializeUrl(loginUrlTree(router, '/tickets?status=new'))).toBe(
      '/login?returnUrl=%2Ftickets%3Fstatus%3Dnew',
    );
    expect(router.serializeUrl(loginUrlTree(router, '/'))).toBe('/login');
  });
});
