import { Body, Controller, Get, Headers, Inject, Param, Patch, UseInterceptors } from '@nestjs/common';
import { ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ServiceReportView } from '@leitstand/api-contracts';
import { CurrentUser, Roles, type AuthUser } from '@leitstand/backend/core';
import { parseIfMatch } from '@leitstand/backend/catalog';
import { ServiceReportService, UpdateServiceReportDto } from '@leitstand/backend/billing';
import { ApiVersionedPatch } from '../catalog/catalog-http.docs';
import { EtagInterceptor } from '../catalog/etag.interceptor';

const VIEW =
  'The service report: the price-list version valid on the work date, the choices, the travel billed, every ' +
  'priced line (quantity, unit, unit price, surcharge, amount, explanation), discounts, net, VAT and gross; ' +
  '`problems` names what keeps it from being priced. ETag is the version of the choices (0 before the first change).';

@ApiTags('billing')
@Controller('tickets/:id/service-report')
@UseInterceptors(EtagInterceptor)
export class ServiceReportController {
  constructor(@Inject(ServiceReportService) private readonly reports: ServiceReportService) {}

  @ApiOperation({ summary: "A ticket's service report (Leistungsnachweis), priced by its contract's price list" })
  @Get()
  @Roles('admin', 'manager', 'agent', 'technician', 'customer')
  @ApiOkResponse({ description: VIEW })
  @ApiForbiddenResponse({ description: 'Customers (the signed report comes with the portal)' })
  @ApiNotFoundResponse({ description: 'Unknown ticket, or outside the caller’s tenants' })
  get(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<ServiceReportView> {
    return this.reports.get(user, id);
  }

  @ApiOperation({
    summary: "Change a service report's choices (small material, emergency, travel, catalogue, discounts)",
  })
  @Patch()
  @Roles('admin', 'manager', 'agent', 'technician')
  @ApiOkResponse({ description: `${VIEW} A choice the price list cannot price is refused with 400 naming the field.` })
  @ApiVersionedPatch()
  update(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: UpdateServiceReportDto,
  ): Promise<ServiceReportView> {
    return this.reports.update(user, id, parseIfMatch(ifMatch), body);
  }
}
