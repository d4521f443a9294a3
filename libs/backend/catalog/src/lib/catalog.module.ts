import { Module } from '@nestjs/common';

/** Tenants, sites, assets, price lists and contracts (issue 5). */
@Module({})
export class CatalogModule {}
