import { Module } from '@nestjs/common';
import { NotificationsModule } from '@leitstand/backend/tickets';
import { NotificationsController } from './notifications.controller';

/** HTTP surface of in-app notifications (issue 6). */
@Module({ imports: [NotificationsModule], controllers: [NotificationsController] })
export class NotificationsHttpModule {}
