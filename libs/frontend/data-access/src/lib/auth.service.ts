import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { Injectable, computed, inject, signal } from '@angular/core';
import { type Observable, catchError, finalize, firstValueFrom, map, of, shareReplay, tap, throwError } from 'rxjs';
import type { LoginRequest, LoginResponse, MeResponse, RefreshResponse } from '@leitstand/api-contracts';
import { I18nService, type Language } from '@leitstand/frontend/i18n';
import { API_BASE_URL } from './api-base-url.token';

/**
 * The browser session. The API keeps it in HttpOnly cookies (`ls_access`, `ls_refresh`); this service never
 * sees or stores a token (the tokens in the login and refresh bodies are ignored on purpose). It only knows who
 * is signed in, as signals the shell and the guards read.
 */
@Injectable({ providedIn: 'root' })
export class AuthService {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);
  private readonly i18n = inject(I18nService);

  private readonly currentUser = signal<MeResponse | null>(null);
  private refreshInFlight: Observable<MeResponse> | null = null;

  /** The signed-in user, or null. */
  readonly user = this.currentUser.asReadonly();
  readonly isAuthenticated = computed(() => this.currentUser() !== null);

  /** POST /api/auth/login — signs in; the API sets the session cookies. Errors (401, 400, …) reach the caller. */
  login(request: LoginRequest): Observable<MeResponse> {
    return this.http.post<LoginResponse>(`${this.baseUrl}/auth/login`, request).pipe(
      map((response) => response.user),
      tap((user) => this.signedIn(user)),
    );
  }

  /**
   * POST /api/auth/logout — revokes the session and clears the cookies. The user is signed out locally even when
   * the call fails. The body is `{}`: Fastify rejects a JSON content-type with an empty body.
   */
  logout(): Observable<void> {
    return this.http.post<void>(`${this.baseUrl}/auth/logout`, {}).pipe(
      map(() => undefined),
      finalize(() => this.currentUser.set(null)),
    );
  }

  /**
   * At startup: who is signed in? GET /api/auth/me; when the access cookie has expired, one refresh. Never
   * rejects (an app initializer must not fail the bootstrap): without a session the user is simply null.
   */
  restore(): Promise<MeResponse | null> {
    const me$ = this.http.get<MeResponse>(`${this.baseUrl}/auth/me`).pipe(
      catchError((error: unknown) =>
        error instanceof HttpErrorResponse && error.status === 401 ? this.refresh() : throwError(() => error),
      ),
      tap((user) => this.currentUser.set(user)),
      catchError(() => {
        this.currentUser.set(null);
        return of(null);
      }),
    );
    return firstValueFrom(me$);
  }

  /**
   * POST /api/auth/refresh — rotates the session cookies. Single-flight: while one refresh is under way every
   * caller shares it, because presenting the same refresh token twice ends the session on the server.
   * On success the user is updated; a failure is left to the caller (see {@link endSession}).
   */
  refresh(): Observable<MeResponse> {
    this.refreshInFlight ??= this.http.post<RefreshResponse>(`${this.baseUrl}/auth/refresh`, {}).pipe(
      map((response) => response.user),
      tap((user) => this.currentUser.set(user)),
      finalize(() => {
        this.refreshInFlight = null;
      }),
      shareReplay({ bufferSize: 1, refCount: false }),
    );
    return this.refreshInFlight;
  }

  /**
   * The user signed in: remember them and switch the UI to their stored language (issue 14). Only at sign-in:
   * a restored session (a reload) keeps the language chosen on this device, so a switch is never undone.
   */
  private signedIn(user: MeResponse): void {
    this.currentUser.set(user);
    if (user.language && user.language !== this.i18n.language()) this.i18n.setLanguage(user.language);
  }

  /**
   * Switches the UI language and, when somebody is signed in, stores it on their account (PATCH /api/account) so
   * the next sign-in on any device starts in it. Storing is best effort: the switch itself never waits or fails.
   */
  switchLanguage(language: Language): void {
    this.i18n.setLanguage(language);
    const user = this.currentUser();
    if (!user || user.language === language) return;
    this.http.patch<void>(`${this.baseUrl}/account`, { language }).subscribe({
      next: () => this.currentUser.update((u) => (u && u.id === user.id ? { ...u, language } : u)),
      error: () => undefined,
    });
  }

  /** Forgets the user locally (the session is gone on the server). Answers whether somebody was signed in. */
  endSession(): boolean {
    const wasSignedIn = this.currentUser() !== null;
    this.currentUser.set(null);
    return wasSignedIn;
  }
}

/**
 * Whether a failed refresh means the session is over (the server refused it: 4xx) rather than a passing
 * problem (network down, 5xx), after which the user should stay signed in and may simply retry.
 */
export function refreshRefused(error: unknown): boolean {
  return error instanceof HttpErrorResponse && error.status >= 400 && error.status < 500;
}
