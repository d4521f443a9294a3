import { Body, Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { TicketDetail, TicketListResponse } from '@leitstand/api-contracts';
import { CreateTicketDto, TicketsService } from '@leitstand/backend/tickets';

@ApiTags('tickets')
@Controller('tickets')
export class TicketsController {
  constructor(@Inject(TicketsService) private readonly tickets: TicketsService) {}

  @Get()
  @ApiOkResponse({ description: 'Tickets, newest first' })
  list(): Promise<TicketListResponse> {
    return this.tickets.list();
  }

  @Post()
  @HttpCode(201)
  @ApiCreatedResponse({ description: 'The created ticket' })
  @ApiBadRequestResponse({ description: 'Invalid body; `fields` names each invalid field' })
  create(@Body() body: CreateTicketDto): Promise<TicketDetail> {
    return this.tickets.create(body, 'helpdesk');
  }
}
