import { Controller, Get, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import {
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import type { CalendarTokenResponse } from '@leitstand/api-contracts';
import { CurrentUser, Public, Roles, type AuthUser } from '@leitstand/backend/core';
import { CalendarFeedService } from '@leitstand/backend/maintenance';
import { AUTH_RATE_LIMITED } from '../auth/auth-rate-limit';

/** The part of Fastify's reply the feed sets. */
interface FeedReply {
  header(name: string, value: string): FeedReply;
  send(payload: string): FeedReply;
}

/** The technician's own calendar token. */
@ApiTags('account')
@Controller('account/calendar-token')
export class CalendarTokenController {
  constructor(@Inject(CalendarFeedService) private readonly feeds: CalendarFeedService) {}

  @Post()
  @HttpCode(201)
  @Roles('technician')
  @ApiOperation({ summary: 'A new secret iCalendar feed URL for the technician (replaces the old one)' })
  @ApiCreatedResponse({ description: '`url` (shown once; only a hash of its token is stored)' })
  @ApiForbiddenResponse({ description: 'Only technicians have a work-order feed' })
  issue(@CurrentUser() user: AuthUser): Promise<CalendarTokenResponse> {
    return this.feeds.issueToken(user);
  }
}

/** The feed itself: public (calendar apps send no credentials), the secret is the token in the URL. */
@ApiTags('maintenance')
@Controller('calendar')
export class CalendarFeedController {
  constructor(@Inject(CalendarFeedService) private readonly feeds: CalendarFeedService) {}

  @Get(':token.ics')
  @Public()
  @RouteConfig(AUTH_RATE_LIMITED)
  @ApiOperation({ summary: "A technician's work orders of the next 8 weeks as all-day events (iCalendar)" })
  @ApiProduces('text/calendar')
  @ApiOkResponse({
    description: 'text/calendar; one VEVENT per occurrence, UID occurrence-<id>@leitstand (stable)',
    content: { 'text/calendar': { schema: { type: 'string' } } },
  })
  @ApiNotFoundResponse({ description: 'Unknown or replaced token' })
  @ApiTooManyRequestsResponse({ description: 'Too many requests from this address' })
  async feed(@Param('token') token: string, @Res() reply: FeedReply): Promise<void> {
    const body = await this.feeds.feed(token);
    reply
      .header('content-type', 'text/calendar; charset=utf-8')
      .header('cache-control', 'private, no-store')
      .header('content-disposition', 'inline; filename="leitstand.ics"')
      .send(body);
  }
}
