import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Inject,
  Param,
  Patch,
  Post,
  Query,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiOperation,
} from '@nestjs/swagger';
import type { ContractListResponse, ContractView } from '@leitstand/api-contracts';
import { CurrentUser, Roles, type AuthUser } from '@leitstand/backend/core';
import {
  ContractListQueryDto,
  ContractsService,
  CreateContractDto,
  UpdateContractDto,
  parseIfMatch,
} from '@leitstand/backend/catalog';
import { ApiCreate, ApiVersionedPatch } from './catalog-http.docs';
import { EtagInterceptor } from './etag.interceptor';

@ApiTags('contracts')
@Controller('contracts')
@UseInterceptors(EtagInterceptor)
export class ContractsController {
  constructor(@Inject(ContractsService) private readonly contracts: ContractsService) {}

  @ApiOperation({ summary: 'List contracts' })
  @Get()
  @Roles('admin', 'agent', 'technician', 'manager')
  @ApiOkResponse({ description: 'Contracts in the caller’s scope, newest term first' })
  @ApiForbiddenResponse({ description: 'Customers do not see contracts' })
  list(@CurrentUser() user: AuthUser, @Query() query: ContractListQueryDto): Promise<ContractListResponse> {
    return this.contracts.list(user, query);
  }

  @ApiOperation({ summary: 'Get a contract' })
  @Get(':id')
  @Roles('admin', 'agent', 'technician', 'manager')
  @ApiOkResponse({ description: 'The contract (ETag: its version)' })
  @ApiNotFoundResponse({ description: 'Unknown or outside the caller’s scope' })
  @ApiForbiddenResponse({ description: 'Customers do not see contracts' })
  get(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<ContractView> {
    return this.contracts.get(user, id);
  }

  @ApiOperation({ summary: 'Create a contract' })
  @Post()
  @HttpCode(201)
  @Roles('admin', 'manager')
  @ApiCreatedResponse({
    description:
      'The created contract; calendars, SLA matrix, bonus/malus, indexation and economics are checked with @leitstand/domain',
  })
  @ApiCreate()
  create(@CurrentUser() user: AuthUser, @Body() body: CreateContractDto): Promise<ContractView> {
    return this.contracts.create(user, body);
  }

  @ApiOperation({ summary: 'Change a contract' })
  @Patch(':id')
  @Roles('admin', 'manager')
  @ApiOkResponse({ description: 'The updated contract (the merged contract is validated as a whole)' })
  @ApiVersionedPatch()
  update(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: UpdateContractDto,
  ): Promise<ContractView> {
    return this.contracts.update(user, id, parseIfMatch(ifMatch), body);
  }
}
