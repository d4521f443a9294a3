import type { ArgumentMetadata } from '@nestjs/common';
import { Type, plainToInstance } from 'class-transformer';
import { IsString, ValidateNested, validate } from 'class-validator';
import fc from 'fast-check';
import {
  CreateTicketDto,
  CreateWorkLogDto,
  DispatchTicketDto,
  PauseTicketDto,
  TicketListQueryDto,
} from '@leitstand/backend/tickets';
import { RequestValidationException } from './api-exception.filter';
import { compileAcceptance, createValidationPipe } from './validation';

const OPTIONS = { whitelist: true, forbidNonWhitelisted: true, stopAtFirstError: false } as const;

/** Each field: mostly values class-validator accepts, sometimes values it rejects, null, or absent. */
const value = (valid: fc.Arbitrary<unknown>[], invalid: fc.Arbitrary<unknown>[]) =>
  fc.oneof(
    { weight: 12, arbitrary: fc.oneof(...valid) },
    { weight: 1, arbitrary: fc.oneof(...invalid, fc.constant(null), fc.constant(undefined)) },
  );
const field = (valid: fc.Arbitrary<unknown>[], invalid: fc.Arbitrary<unknown>[]) =>
  fc.option(value(valid, invalid), { nil: undefined, freq: 4 });

const uuid = fc.uuid({ version: 4 });
const anything = [fc.integer(), fc.boolean(), fc.string({ maxLength: 5 }), fc.constant({}), fc.constant([])];
const text = (max: number) => [fc.string({ minLength: 1, maxLength: Math.min(max, 80) })];
const tooLong = (max: number) => fc.string({ minLength: max + 1, maxLength: max + 3 });

const createTicketBody = fc.record(
  {
    siteId: value([uuid], [fc.constant('not-a-uuid'), ...anything]),
    assetId: field([uuid], [fc.constant('1234'), ...anything]),
    title: value(text(200), [fc.constant(''), tooLong(200), fc.integer()]),
    description: field(text(5000), [tooLong(5000), fc.integer()]),
    category: field(text(60), [fc.constant(''), tooLong(60), fc.boolean()]),
    priority: field([fc.constantFrom('A', 'B', 'C')], [fc.constantFrom('D', 'a', ''), fc.integer()]),
    priorityReason: field(text(1000), [fc.constant(''), tooLong(1000)]),
    channel: field([fc.constantFrom('phone', 'email', 'portal')], [fc.constant('fax'), ...anything]),
    reporter: field(text(200), [tooLong(200), fc.integer()]),
    faultBeganAt: field(
      [fc.constantFrom('2026-11-22T08:00:00Z', '2026-11-22T08:00:00.000+01:00')],
      [fc.constantFrom('2026-11-22 08:00', '22.11.2026', '2026-13-01T00:00:00Z'), fc.integer()],
    ),
    assetDown: field([fc.boolean()], [fc.constantFrom('true', 1)]),
    unknownField: fc.option(fc.string(), { nil: undefined, freq: 30 }),
  },
  { requiredKeys: ['siteId', 'title'] },
);

/** The body as the pipe sees it: absent keys are absent, not undefined. */
const defined = (body: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));

describe('compiled validation (fast path of the ValidationPipe)', () => {
  const accepts = compileAcceptance(CreateTicketDto);

  it('accepts exactly what class-validator accepts (create ticket bodies)', async () => {
    expect(accepts).not.toBeNull();
    let acceptedCount = 0;
    await fc.assert(
      fc.asyncProperty(createTicketBody, async (raw) => {
        const instance = plainToInstance(CreateTicketDto, defined(raw));
        const errors = await validate(instance, OPTIONS);
        const accepted = accepts?.(instance) ?? false;
        if (accepted) acceptedCount++;
        expect(accepted).toBe(errors.length === 0);
      }),
      { numRuns: 2_000 },
    );
    expect(acceptedCount).toBeGreaterThan(100); // the fast path is exercised, not only the fallback
  });

  it('models the DTOs of the hot paths (and falls back to class-validator for what it cannot model)', () => {
    for (const dto of [CreateTicketDto, DispatchTicketDto, PauseTicketDto, CreateWorkLogDto, TicketListQueryDto]) {
      expect(compileAcceptance(dto)).not.toBeNull();
    }
    class Line {
      @IsString()
      name!: string;
    }
    class WithLines {
      @ValidateNested({ each: true })
      @Type(() => Line)
      lines!: Line[];
    }
    class Grouped {
      @IsString({ groups: ['admin'] })
      name!: string;
    }
    expect(compileAcceptance(WithLines)).toBeNull();
    expect(compileAcceptance(Grouped)).toBeNull();
    class Undecorated {}
    expect(compileAcceptance(Undecorated)).toBeNull();
  });

  it('answers invalid bodies with the same 400 and field messages as class-validator', async () => {
    const pipe = createValidationPipe();
    const metadata: ArgumentMetadata = { type: 'body', metatype: CreateTicketDto };
    const body = { siteId: 'x', title: '', priority: 'D', assetDown: 'yes', extra: 1 };
    const error = (await pipe.transform(body, metadata).catch((e: unknown) => e)) as RequestValidationException;
    expect(error).toBeInstanceOf(RequestValidationException);
    const errors = await validate(plainToInstance(CreateTicketDto, body), OPTIONS);
    expect(error.fields.map((f) => f.field).sort()).toEqual(errors.map((e) => e.property).sort());
    expect(error.fields.find((f) => f.field === 'siteId')?.messages).toEqual(['siteId must be a UUID']);
    expect(error.fields.find((f) => f.field === 'extra')?.messages).toEqual(['property extra should not exist']);

    const ok = await pipe.transform({ siteId: '0b4e7a43-3c4e-4e8e-9a44-3d2f0f7a1b2c', title: 'Kran' }, metadata);
    expect(ok).toBeInstanceOf(CreateTicketDto);
    expect(ok).toEqual(
      Object.assign(new CreateTicketDto(), { siteId: '0b4e7a43-3c4e-4e8e-9a44-3d2f0f7a1b2c', title: 'Kran' }),
    );
  });
});
