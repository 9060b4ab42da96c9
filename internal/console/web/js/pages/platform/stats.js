// Platform admin: the platform's figures as charts.

import { api } from '../../api.js';
import { h, section, barChart } from '../../ui.js';
import { render } from './common.js';
import { page } from '../../router.js';

page('/admin/stats', async (ctx) => {
  ctx.title('Platform statistics');
  const s = await api('GET', '/api/v1/admin/stats');
  const figure = (label, value) => h('div', { class: 'pf-figure' }, h('span', { class: 'pf-figure-value' }, Number(value || 0).toLocaleString()), h('span', { class: 'pf-figure-label' }, label));
  const plans = Object.entries(s.tenants_by_plan || {}).sort((a, b) => b[1] - a[1]).map(([label, value]) => ({ label, value }));
  const days = (s.signups_per_day || []).map((d) => ({ label: d.date, value: d.count }));
  const signups = days.reduce((n, d) => n + d.value, 0);
  render(ctx.main, h('h1', null, 'Platform statistics'),
    h('div', { class: 'pf-figures', id: 'platform-figures' },
      figure('Tenants', s.total_tenants), figure('Active tenants', s.active_tenants), figure('Users', s.total_users),
      figure('API requests, last 24 hours', s.total_api_requests_24h), figure('Security violations, last 24 hours', s.total_violations_24h)),
    section('Tenants', barChart('By state (' + s.total_tenants + ' in all)', [
      { label: 'Active', value: s.active_tenants }, { label: 'Not active', value: Math.max(0, s.total_tenants - s.active_tenants) }])),
    section('Plans', plans.length ? barChart('Tenants by plan', plans) : h('p', { class: 'empty' }, 'No tenant has a plan yet.')),
    section('Sign-ups',
      signups ? barChart('New tenants per day, last 30 days (' + signups + ' in all)', days) : h('p', { class: 'empty' }, 'No tenant signed up in the last 30 days.')));
}, { access: 'platform', nav: { section: 'platform', label: 'Statistics', order: 3 } });
