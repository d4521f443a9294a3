import { Module } from '@nestjs/common';
import { NotificationsService } from './notifications.service';

/** In-app notifications for the API (GET /api/notifications). */
@Module({
  providers: [NotificationsService],
  exports: [NotificationsService],
})
export class NotificationsModule {}
