import { Module } from '@nestjs/common';
import { AssetsService } from './assets.service';
import { AssetImportService } from './asset-import.service';
import { AssetLabelsService } from './asset-labels.service';
import { ContractsService } from './contracts.service';
import { LocationsService } from './locations.service';
import { MaintenanceWindowsService } from './maintenance-windows.service';
import { PriceListsService } from './price-lists.service';
import { SitesService } from './sites.service';
import { TenantsService } from './tenants.service';

const SERVICES = [
  TenantsService,
  SitesService,
  AssetsService,
  LocationsService,
  AssetImportService,
  AssetLabelsService,
  PriceListsService,
  ContractsService,
  MaintenanceWindowsService,
];

/** Tenants, sites, assets, price lists and contracts (issue 5); maintenance windows (issue 6). Needs the global DatabaseModule. */
@Module({ providers: SERVICES, exports: SERVICES })
export class CatalogModule {}
