// Writes refused/Huge.java: 20 long locals live across 2,500 suspendable calls. It compiles (small before
// the rewrite), but its rewritten form would pass the JVM's 64 KiB method limit, so the rewriter refuses it.
def calls = (1..2500).collect { 'pause();' }.collate(50).collect { '        ' + it.join(' ') }.join('\n')
def locals = (1..20).collect { "long v$it = a + $it;" }.join(' ')
def sum = (1..20).collect { "v$it" }.join(' + ')
def source = """package refused;

import dev.jcoro.Suspendable;

public class Huge {
    @Suspendable public static long huge(long a) {
        $locals
$calls
        return $sum;
    }

    @Suspendable static void pause() {
    }
}
"""
def file = new File(basedir, 'src/main/java/refused/Huge.java')
file.parentFile.mkdirs()
file.text = source
return true
