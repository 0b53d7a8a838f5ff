#!/usr/bin/env python3
"""Where one thread's time goes inside JIT-compiled code, without hardware counters and without hsdis.

JMH's -prof perfnorm needs hardware counters and -prof perfasm needs the hsdis disassembler; on a virtual
machine without either (perf_event reports cycles as "not supported"), this script still attributes perf's
cpu-clock samples to the Java source: it reads the code the JVM prints with -XX:+PrintAssembly (raw bytes
when hsdis is missing, each block headed by the inlining chain it belongs to), maps every sample's address
to the innermost method and bytecode index it was compiled from, and can disassemble one method with objdump,
each instruction with its share of the samples.

    perf record -e cpu-clock:u -F 9999 -o prof.data -- java -XX:+UnlockDiagnosticVMOptions \\
        -XX:+PrintAssembly -XX:PrintAssemblyOptions=hsdis-print-bytes -javaagent:instrument/target/jcoro-agent.jar \\
        -cp bench/target/benchmarks.jar dev.jcoro.bench.PingPongCpuTime 15 50 > asm.txt
    bench/jit-profile.py asm.txt prof.data jcoro-1-loop-0                   # by inlining chain, and by innermost method
    bench/jit-profile.py asm.txt prof.data jcoro-1-loop-0 --disassemble Channel::receive

Percentages are of the thread's samples that fell into compiled methods (the warm-up's interpreted samples are
left out). Sampling skid puts a stall on the instruction after the one that caused it.
"""
import argparse
import bisect
import collections
import re
import subprocess
import tempfile

ADDRESS = re.compile(r'^\s+0x([0-9a-f]+): (.*)$')


def read_methods(path):
    """The compiled methods of a PrintAssembly log: name, code range, code bytes and inlining scopes by address."""
    methods, current, scope = [], None, None
    for line in open(path, errors='replace'):
        if line.startswith('Compiled method'):
            m = re.search(r'\s(\S+::\S+) \(', line)
            current = dict(name=m.group(1) if m else line.strip(), start=0, end=0, code={}, scopes=[])
            methods.append(current)
            scope = None
            continue
        if current is None:
            continue
        if line.startswith(' main code'):
            bounds = re.findall(r'0x([0-9a-f]+)', line)
            current['start'], current['end'] = int(bounds[0], 16), int(bounds[1], 16)
            continue
        m = ADDRESS.match(line)
        if m:
            address, rest = int(m.group(1), 16), m.group(2)
            if rest.startswith(';'):
                scope = (address, [rest.strip()])
                current['scopes'].append(scope)
            else:
                words = rest.split(';')[0].replace('|', ' ').split()
                if words and all(re.fullmatch(r'[0-9a-f]{2,4}', w) for w in words):
                    current['code'][address] = bytes.fromhex(''.join(words))
                scope = None
        elif scope and line.strip().startswith(';'):
            scope[1].append(line.strip())
    return [m for m in methods if m['start']]


def chain(method, address):
    """The inlining chain (innermost first) that the code at {@code address} was compiled from."""
    scopes = method['scopes']
    i = bisect.bisect_right([s[0] for s in scopes], address) - 1
    if i < 0:
        return []
    return [s[4:].split(' {')[0] for s in scopes[i][1] if s.startswith('; - ')]


def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('asm')
    p.add_argument('perf_data')
    p.add_argument('thread', help='the thread name perf reports (its comm)')
    p.add_argument('--top', type=int, default=40)
    p.add_argument('--disassemble', metavar='CLASS::METHOD')
    args = p.parse_args()
    methods = read_methods(args.asm)
    out = subprocess.run(['perf', 'script', '-i', args.perf_data, '-F', 'comm,ip'], capture_output=True, text=True).stdout
    samples = [int(f[-1], 16) for f in (l.split() for l in out.splitlines()) if len(f) >= 2 and f[0] == args.thread]
    by_chain, by_leaf, hits = collections.Counter(), collections.Counter(), collections.Counter()
    for ip in samples:
        # The last method printed for an address is the one that ran in the steady state.
        method = next((m for m in reversed(methods) if m['start'] <= ip < m['end']), None)
        if method is None:
            continue
        c = chain(method, ip)
        by_chain[(method['name'], ' <- '.join(c))] += 1
        by_leaf[c[0].split('@')[0] if c else '(' + method['name'] + ': entry, exit, spills)'] += 1
        hits[ip] += 1
    total = sum(by_chain.values())
    print('%d samples of %s, %d in compiled code' % (len(samples), args.thread, total))
    print('\nby innermost method')
    for name, n in by_leaf.most_common(args.top):
        print('%5.1f%%  %s' % (100.0 * n / total, name))
    print('\nby inlining chain (compiled method: chain, innermost first)')
    for (name, c), n in by_chain.most_common(args.top):
        print('%5.1f%%  %s: %s' % (100.0 * n / total, name.split('::')[-1], c[:220]))
    if args.disassemble:
        candidates = [m for m in methods if args.disassemble in m['name']]
        method = max(candidates, key=lambda m: sum(n for ip, n in hits.items() if m['start'] <= ip < m['end']))
        start = min(method['code'])
        with tempfile.NamedTemporaryFile(suffix='.bin') as blob:
            blob.write(b''.join(method['code'][a] for a in sorted(method['code'])))
            blob.flush()
            listing = subprocess.run(['objdump', '-D', '-b', 'binary', '-mi386:x86-64', '--adjust-vma=%#x' % start,
                                      blob.name], capture_output=True, text=True).stdout
        scopes, s = method['scopes'], 0
        print('\n%s' % method['name'])
        for line in listing.splitlines():
            m = re.match(r'\s*([0-9a-f]+):', line)
            if not m:
                continue
            address = int(m.group(1), 16)
            while s < len(scopes) and scopes[s][0] <= address:
                print('                 ' + ' | '.join(x for x in scopes[s][1][:3])[:200])
                s += 1
            n = hits.get(address, 0)
            print('%6s %s' % ('%.2f' % (100.0 * n / total) if n else '', line))


if __name__ == '__main__':
    main()
