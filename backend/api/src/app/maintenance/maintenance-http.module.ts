import { Module } from '@nestjs/common';
import { MaintenanceModule } from '@leitstand/backend/maintenance';

/** HTTP surface of planned maintenance and statutory inspections (issue 15). */
@Module({
  imports: [MaintenanceModule],
  controllers: [],
})
export class MaintenanceHttpModule {}
