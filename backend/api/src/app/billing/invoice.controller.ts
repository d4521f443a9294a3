import { Controller, Get, Headers, HttpCode, Inject, Param, Post, Query, UseInterceptors } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { InvoiceSummaryView, InvoiceView } from '@leitstand/api-contracts';
import { CurrentUser, Roles, type AuthUser } from '@leitstand/backend/core';
import { parseIfMatch } from '@leitstand/backend/catalog';
import { InvoiceService } from '@leitstand/backend/billing';
import { EtagInterceptor } from '../catalog/etag.interceptor';

const VIEW =
  'The invoice: kind (invoice or credit note), month, status (draft, approved, issued, cancelled), number ' +
  '(RE-YYYY-NNNNNN once issued, gapless per year), lines (quantity × unit price = net, rounded to cents, VAT ' +
  'category S 19 %), net = Σ lines, VAT, gross, the original of a credit note and the credit notes of an invoice. ' +
  'Staff also get the approval, the billing run’s notes and the version (ETag); customers only see issued ' +
  'invoices of their own tenant, without those.';

const IF_MATCH = { name: 'If-Match', required: true, description: 'The ETag ("<version>") of the last read' };

@ApiTags('billing')
@Controller()
@UseInterceptors(EtagInterceptor)
export class InvoiceController {
  constructor(@Inject(InvoiceService) private readonly invoices: InvoiceService) {}

  @ApiOperation({ summary: "Billing run of a contract's month: creates or replaces the month's draft invoice" })
  @Post('contracts/:id/invoices/run')
  @HttpCode(200)
  @Roles('admin', 'manager')
  @ApiQuery({ name: 'period', required: true, description: "The billing month 'YYYY-MM'" })
  @ApiOkResponse({
    description: `${VIEW} The draft bills the month's flat fee (annual volume of the contract year / 12), every billable service report, the billed occurrence fees and the bonus/malus, as the contract's cost of the month computes them (frozen once the month has closed).`,
  })
  @ApiBadRequestResponse({ description: 'period malformed or outside the contract’s term (fields: period)' })
  @ApiForbiddenResponse({ description: 'Only admins and managers run the billing' })
  @ApiNotFoundResponse({ description: 'Unknown contract, or outside the caller’s tenants' })
  @ApiConflictResponse({ description: 'The month is already issued: correct it with a credit note first' })
  run(@CurrentUser() user: AuthUser, @Param('id') id: string, @Query('period') period: unknown): Promise<InvoiceView> {
    return this.invoices.run(user, id, period);
  }

  @ApiOperation({ summary: 'Invoices and credit notes of the caller’s tenants' })
  @Get('invoices')
  @Roles('admin', 'manager', 'customer')
  @ApiQuery({ name: 'contractId', required: false, description: 'Only this contract’s invoices' })
  @ApiQuery({ name: 'status', required: false, description: 'draft, approved, issued or cancelled' })
  @ApiOkResponse({ description: 'The invoices without their lines, newest month first (at most 500)' })
  @ApiBadRequestResponse({
    description: 'contractId malformed or unknown, status unknown (fields: contractId, status)',
  })
  @ApiForbiddenResponse({ description: 'Agents and technicians do not see invoices' })
  list(
    @CurrentUser() user: AuthUser,
    @Query('contractId') contractId: unknown,
    @Query('status') status: unknown,
  ): Promise<InvoiceSummaryView[]> {
    return this.invoices.list(user, { contractId, status });
  }

  @ApiOperation({ summary: 'One invoice or credit note with its lines' })
  @Get('invoices/:id')
  @Roles('admin', 'manager', 'customer')
  @ApiOkResponse({ description: VIEW })
  @ApiForbiddenResponse({ description: 'Agents and technicians do not see invoices' })
  @ApiNotFoundResponse({ description: 'Unknown invoice, outside the caller’s tenants, or not issued (customers)' })
  get(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<InvoiceView> {
    return this.invoices.get(user, id);
  }

  @ApiOperation({ summary: 'Approve a draft invoice (manager review)' })
  @Post('invoices/:id/approve')
  @HttpCode(200)
  @Roles('admin', 'manager')
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ description: VIEW })
  @ApiBadRequestResponse({ description: 'If-Match malformed (fields: If-Match)' })
  @ApiForbiddenResponse({ description: 'Only admins and managers approve' })
  @ApiNotFoundResponse({ description: 'Unknown invoice, or outside the caller’s tenants' })
  @ApiConflictResponse({ description: 'The invoice is not a draft' })
  @ApiResponse({ status: 412, description: 'If-Match names a stale version; nothing was written' })
  @ApiResponse({ status: 428, description: 'If-Match is missing' })
  approve(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Headers('if-match') ifMatch: string | undefined,
  ): Promise<InvoiceView> {
    return this.invoices.approve(user, id, parseIfMatch(ifMatch));
  }

  @ApiOperation({
    summary: 'Issue an approved invoice: assigns the next gapless number of the year; immutable from then on',
  })
  @Post('invoices/:id/issue')
  @HttpCode(200)
  @Roles('admin', 'manager')
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ description: VIEW })
  @ApiBadRequestResponse({ description: 'If-Match malformed (fields: If-Match)' })
  @ApiForbiddenResponse({ description: 'Only admins and managers issue' })
  @ApiNotFoundResponse({ description: 'Unknown invoice, or outside the caller’s tenants' })
  @ApiConflictResponse({ description: 'The invoice is a draft (approve it first) or already issued' })
  @ApiResponse({ status: 412, description: 'If-Match names a stale version; nothing was written' })
  @ApiResponse({ status: 428, description: 'If-Match is missing' })
  issue(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Headers('if-match') ifMatch: string | undefined,
  ): Promise<InvoiceView> {
    return this.invoices.issue(user, id, parseIfMatch(ifMatch));
  }

  @ApiOperation({ summary: 'Credit an issued invoice: a credit note with every line negated, issued at once' })
  @Post('invoices/:id/credit-note')
  @HttpCode(201)
  @Roles('admin', 'manager')
  @ApiResponse({
    status: 201,
    description: `The credit note (${VIEW}) It references the original, which becomes cancelled; the month can be billed again.`,
  })
  @ApiForbiddenResponse({ description: 'Only admins and managers credit invoices' })
  @ApiNotFoundResponse({ description: 'Unknown invoice, or outside the caller’s tenants' })
  @ApiConflictResponse({ description: 'The invoice is not issued, already credited, or itself a credit note' })
  creditNote(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<InvoiceView> {
    return this.invoices.creditNote(user, id);
  }
}
