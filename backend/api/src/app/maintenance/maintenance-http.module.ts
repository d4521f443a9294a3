import { Module } from '@nestjs/common';
import { MaintenanceModule } from '@leitstand/backend/maintenance';
import { AssetMaintenanceLogController, MaintenanceController } from './maintenance.controller';

/** HTTP surface of planned maintenance and statutory inspections (issue 15). */
@Module({
  imports: [MaintenanceModule],
  controllers: [MaintenanceController, AssetMaintenanceLogController],
})
export class MaintenanceHttpModule {}
