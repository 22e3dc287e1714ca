#!/usr/bin/env python3
"""Writes a generic-format job history (SPEC §4) of N jobs for the Jobs page benchmark.

Usage: generate_jobs.py N OUT.csv [SEED]
Then:  optimeter --db jobs.sqlite import queries OUT.csv

Deterministic for a given N and seed. Like a real history it has gaps: about 2 % of jobs have
no engine, 5 % no user, 10 % no warehouse, 3 % no start time or status, 10 % lack each
profile metric, 5 % were served from a result cache; query texts of 80 to 700 characters name
a few dozen tables (sales.orders, …), so that a search for a table matches a share of them.
"""
import csv, random, sys
from datetime import datetime, timedelta, timezone

n = int(sys.argv[1])
out = sys.argv[2]
rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 11)
engines = ['snowflake', 'bigquery', 'dremio', 'databricks', 'postgres', 'generic']
users = [f'{a}.{b}' for a in ('ana', 'ben', 'chen', 'dana', 'eli', 'fatima', 'goran', 'hana')
         for b in ('silva', 'okafor', 'wei', 'kowalski', 'novak')]
warehouses = ['ETL_WH', 'BI_WH', 'ADHOC_WH', 'REPORTING', 'sql-warehouse-small', 'serverless',
              'analytics-prod', 'DS_WH', 'FINANCE_WH', 'MARKETING_WH', 'dev', 'LOAD_WH']
sizes = ['X-Small', 'Small', 'Medium', 'Large', 'X-Large']
schemas = ['sales', 'finance', 'marketing', 'ops', 'hr', 'web', 'ml']
tables = ['orders', 'order_lines', 'customers', 'events', 'sessions', 'invoices', 'payments',
          'products', 'inventory', 'clicks', 'campaigns', 'shipments']
statuses = ['success'] * 90 + ['failed'] * 4 + ['cancelled'] * 2 + ['running'] + [''] * 3
start = datetime(2025, 1, 1, tzinfo=timezone.utc)

def maybe(value, share):
    return '' if rng.random() < share else value

with open(out, 'w', newline='', encoding='utf-8') as f:
    w = csv.writer(f)
    w.writerow(['job_id', 'engine', 'user_name', 'warehouse', 'warehouse_size', 'started_at',
                'duration_ms', 'status', 'cache_hit', 'query_text', 'memory_allocated',
                'data_scanned', 'cpu_time_ms'])
    for i in range(n):
        engine = rng.choice(engines)
        if engine == 'bigquery':
            job = f'bquxjob_{rng.getrandbits(32):08x}_{i:x}'
        elif engine == 'snowflake':
            job = f'01b{i:09x}-0000-{rng.getrandbits(16):04x}'
        else:
            job = f'{engine[:3]}-{rng.getrandbits(40):010x}-{i}'
        table = f'{rng.choice(schemas)}.{rng.choice(tables)}'
        text = (f'SELECT {", ".join(rng.sample(["id", "amount", "region", "day", "status", "customer_id", "total"], 4))} '
                f'FROM {table} t WHERE t.day > {rng.randint(1, 365)}')
        text += ''.join(f' AND t.c{k} = {rng.randint(0, 9999)}' for k in range(rng.randint(0, 25)))
        cached = rng.random() < 0.05
        duration = rng.randint(1, 80) if cached else int(rng.lognormvariate(8, 1.6))
        when = start + timedelta(seconds=rng.randint(0, 365 * 86400), milliseconds=rng.randint(0, 999))
        w.writerow([
            job, maybe(engine, 0.02), maybe(rng.choice(users), 0.05), maybe(rng.choice(warehouses), 0.10),
            maybe(rng.choice(sizes), 0.5), maybe(when.strftime('%Y-%m-%dT%H:%M:%S.%f')[:-3] + 'Z', 0.03),
            duration, rng.choice(statuses), 'true' if cached else 'false', maybe(text, 0.02),
            maybe(str(rng.randint(1, 64) << rng.randint(10, 30)), 0.10),
            maybe(str(rng.randint(0, 1 << 36)), 0.10), maybe(str(duration * rng.randint(1, 8)), 0.10)])
