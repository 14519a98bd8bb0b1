import { Col, Form, InputNumber, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PlanLimits } from './types';

export const PLAN_PRESETS: Record<'starter' | 'business' | 'enterprise', PlanLimits> = {
  starter: { seats: 20, apiRatePerMinute: 600, storageMb: 5_120 },
  business: { seats: 100, apiRatePerMinute: 3_000, storageMb: 51_200 },
  enterprise: { seats: 500, apiRatePerMinute: 12_000, storageMb: 512_000 },
};

export const PLAN_BOUNDS = {
  seats: { min: 1, max: 100_000 },
  apiRatePerMinute: { min: 1, max: 1_000_000 },
  storageMb: { min: 1, max: 100_000_000 },
} as const;

/** Seats, API rate and storage inputs; `prefix` nests them (e.g. ['plan']). */
export function PlanFields({ prefix }: { prefix: string[] }) {
  const { t } = useTranslation('provider-tenants');
  const field = (key: keyof PlanLimits, unit: string) => (
    <Form.Item
      name={[...prefix, key]}
      label={t(`plan.${key}`)}
      extra={t(`plan.${key}Help`)}
      rules={[
        { required: true, message: t('validation.required') },
        {
          type: 'integer',
          min: PLAN_BOUNDS[key].min,
          max: PLAN_BOUNDS[key].max,
          message: t('validation.intRange', { min: PLAN_BOUNDS[key].min, max: PLAN_BOUNDS[key].max }),
        },
      ]}
    >
      <InputNumber<number>
        style={{ width: '100%' }}
        min={PLAN_BOUNDS[key].min}
        max={PLAN_BOUNDS[key].max}
        precision={0}
        suffix={unit}
        data-testid={`plan-${key}`}
      />
    </Form.Item>
  );
  return (
    <Row gutter={16}>
      <Col xs={24} md={8}>
        {field('seats', t('plan.unitSeats'))}
      </Col>
      <Col xs={24} md={8}>
        {field('apiRatePerMinute', t('plan.unitPerMinute'))}
      </Col>
      <Col xs={24} md={8}>
        {field('storageMb', 'MB')}
      </Col>
    </Row>
  );
}
