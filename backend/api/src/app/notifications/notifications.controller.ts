import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentUser, InvalidInputError, Roles, type AuthUser } from '@leitstand/backend/core';
import { NotificationsService, type NotificationView } from '@leitstand/backend/tickets';

@ApiTags('notifications')
@Controller('notifications')
export class NotificationsController {
  constructor(@Inject(NotificationsService) private readonly notifications: NotificationsService) {}

  @Get()
  @Roles('admin', 'agent', 'manager', 'technician')
  @ApiOperation({ summary: 'In-app notifications (SLA warnings and breaches) of the tenants in scope, newest first' })
  @ApiQuery({ name: 'limit', required: false, description: '1–200, default 50' })
  @ApiOkResponse({ description: 'notifications' })
  @ApiForbiddenResponse({ description: 'customers have no notifications' })
  async list(@CurrentUser() user: AuthUser, @Query('limit') limit?: string): Promise<NotificationView[]> {
    let n = 50;
    if (limit !== undefined) {
      n = Number(limit);
      if (!Number.isInteger(n) || n < 1 || n > 200) {
        throw new InvalidInputError([{ field: 'limit', messages: ['must be an integer from 1 to 200'] }]);
      }
    }
    return this.notifications.list(user, n);
  }
}
