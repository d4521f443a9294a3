import { Module } from '@nestjs/common';
import { CatalogModule } from '@leitstand/backend/catalog';
import { AssetsController } from './assets.controller';
import { AssetSheetsController } from './asset-sheets.controller';
import { ContractsController } from './contracts.controller';
import { LocationsController, SiteLocationsController } from './locations.controller';
import { AssetMaintenanceWindowsController, MaintenanceWindowsController } from './maintenance-windows.controller';
import { PriceListsController } from './price-lists.controller';
import { SitesController } from './sites.controller';
import { TenantsController } from './tenants.controller';

/** HTTP surface of tenants, sites, assets, price lists, contracts and maintenance windows. */
@Module({
  imports: [CatalogModule],
  controllers: [
    TenantsController,
    SitesController,
    SiteLocationsController,
    AssetSheetsController,
    LocationsController,
    AssetsController,
    PriceListsController,
    ContractsController,
    AssetMaintenanceWindowsController,
    MaintenanceWindowsController,
  ],
})
export class CatalogHttpModule {}
