#!/usr/bin/env python3
"""The include rules of design.md §3, read from the files themselves. Prints every broken rule as
FILE:LINE: reason, and exits 1 if there is any.

  - a layer includes only the layers below it (ALLOWED); `domain` and `scoring` nothing above them;
  - no file under src/api/ includes a store/ header or soci (tests may use store/core/ test databases);
    no service header includes soci; below the service layer only src/store/ does;
  - a route file of one feature (src/api/<feature>/) includes no other feature's service headers, and
    no one header of every service (service/core/services.h).
"""
import os
import re
import sys

ALLOWED = {
    'domain': {'domain'},
    'scoring': {'scoring', 'domain'},
    'json': {'json'},
    'bundle': {'bundle', 'scoring', 'domain', 'json'},
    'platform': {'platform', 'domain'},
    'store': {'store', 'domain'},
    'service': {'service', 'store', 'platform', 'bundle', 'scoring', 'domain', 'json'},
    'http': {'http', 'domain', 'json'},
    'api': {'api', 'http', 'service', 'platform', 'bundle', 'scoring', 'domain', 'json'},
    'demo': {'demo', 'service', 'store', 'platform', 'bundle', 'scoring', 'domain', 'json'},
    'cli': {'cli', 'api', 'demo', 'http', 'service', 'store', 'platform', 'bundle', 'scoring', 'domain', 'json'},
}
# Features whose routes may read another feature's services, and which ones (a case names its site …).
SHARED_SERVICE_FEATURES = {'core', 'audit', 'accounts', 'units', 'notifications', 'files'}

INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')


def problems(src):
    out = []
    for dirpath, _, names in os.walk(src):
        for name in sorted(names):
            if not name.endswith(('.h', '.cc')):
                continue
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, src).split(os.sep)
            if len(rel) < 2:
                continue  # src/main.cc
            layer = rel[0]
            feature = rel[1] if len(rel) > 2 else None
            is_test = name.endswith('_test.cc') or name.startswith('test_') or '_test_' in name
            with open(path, encoding='utf-8') as f:
                for lineno, line in enumerate(f, 1):
                    m = INCLUDE.match(line)
                    if not m:
                        continue
                    target = m.group(2)
                    where = f'{os.path.relpath(path)}:{lineno}'
                    if target.startswith('soci/') or target == 'soci.h':
                        if layer == 'api':
                            out.append(f'{where}: src/api/ includes {target} (handlers never see SQL)')
                        # period_guard.h: the evidence-write guard whose interface the three issue-13 branches
                        # share byte for byte (it takes the caller's soci::session).
                        elif layer == 'service' and name.endswith('.h') and name != 'period_guard.h':
                            out.append(f'{where}: a service header includes {target}')
                        elif layer not in ('store', 'service', 'demo', 'cli') and not is_test:
                            out.append(f'{where}: only src/store/ uses SOCI, not src/{layer}/')
                        continue
                    if m.group(1) != '"':
                        continue
                    target_layer = target.split('/')[0]
                    if target_layer not in ALLOWED:
                        continue
                    if layer in ALLOWED and target_layer not in ALLOWED[layer] and not is_test:
                        out.append(f'{where}: src/{layer}/ must not include {target} (src/{target_layer}/ is not below it)')
                    if layer == 'api' and target_layer == 'store' and not (is_test and target.startswith('store/core/')):
                        out.append(f'{where}: src/api/ includes the store header {target} (the API speaks in service types)')
                    if layer == 'api' and feature not in (None, 'core') and not is_test and target_layer == 'service':
                        parts = target.split('/')
                        tf = parts[1] if len(parts) > 2 else None
                        if target == 'service/core/services.h':
                            out.append(f'{where}: a route file includes every service ({target}); include its feature\'s')
                        elif tf not in (feature, None) and tf not in SHARED_SERVICE_FEATURES:
                            out.append(f'{where}: a {feature} route file includes another feature\'s service {target}')
    return out


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..', 'src')
    found = problems(src)
    for p in found:
        print(p)
    print(f'check_includes: {len(found)} broken include rule(s)' if found else 'check_includes: ok')
    return 1 if found else 0


if __name__ == '__main__':
    sys.exit(main())
