import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { UpdateServiceReportDto } from './service-report.dto';

async function problems(body: Record<string, unknown>): Promise<string[]> {
  const errors = await validate(plainToInstance(UpdateServiceReportDto, body), {
    whitelist: true,
    forbidNonWhitelisted: true,
  });
  const walk = (es: typeof errors, parent = ''): string[] =>
    es.flatMap((e) => {
      const field = parent ? `${parent}.${e.property}` : e.property;
      return [...(e.constraints ? [field] : []), ...walk(e.children ?? [], field)];
    });
  return walk(errors);
}

describe('UpdateServiceReportDto', () => {
  it('accepts every choice, and an empty change', async () => {
    expect(
      await problems({
        smallMaterial: true,
        emergency: false,
        workType: 'maintenance',
        travelMethod: null,
        catalogItems: [{ code: '2 01 11', quantity: '2.5' }],
        discounts: ['cash'],
      }),
    ).toEqual([]);
    expect(await problems({})).toEqual([]);
  });

  it.each([
    [{ smallMaterial: 'yes' }, 'smallMaterial'],
    [{ emergency: null }, 'emergency'],
    [{ workType: 'overtime' }, 'workType'],
    [{ travelMethod: 'bike' }, 'travelMethod'],
    [{ catalogItems: [{ code: '2 01 11', quantity: '0' }] }, 'catalogItems.0.quantity'],
    [{ catalogItems: [{ code: '', quantity: '1' }] }, 'catalogItems.0.code'],
    [{ catalogItems: 'all' }, 'catalogItems'],
    [{ discounts: [3] }, 'discounts'],
    [{ discounts: Array.from({ length: 11 }, (_, i) => `d${i}`) }, 'discounts'],
    [{ billable: true }, 'billable'],
  ])('refuses %j naming %s', async (body, field) => {
    expect(await problems(body)).toContain(field);
  });
});
