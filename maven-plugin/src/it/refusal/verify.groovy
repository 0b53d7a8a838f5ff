// The first build failed because of the refusal, naming the class, the method and its line; the second,
// with failOnRefusal=false, reported it as a warning and passed.
def log = new File(basedir, 'build.log').text
def refusal = 'refused.Huge.huge(J)J (Huge.java:7): the rewritten method would exceed the 64 KiB limit'
assert log.contains('[ERROR] jcoro: ' + refusal) : 'no refusal naming refused.Huge.huge and line 7'
assert log.contains('jcoro: 1 problem(s) in ') : 'the build did not fail on the refusal'
assert log.contains('BUILD FAILURE')
assert log.contains('[WARNING] jcoro: ' + refusal) : 'failOnRefusal=false did not turn the refusal into a warning'
assert log.contains('jcoro: 0 classes instrumented in ') : 'verbose printed no summary'
assert log.contains('BUILD SUCCESS')
return true
