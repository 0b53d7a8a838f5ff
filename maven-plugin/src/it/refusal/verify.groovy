// The build failed because of the refusal, and the log names the class, the method and its line.
def log = new File(basedir, 'build.log').text
assert log.contains('[ERROR] jcoro: refused.Huge.huge(J)J (line 7): the rewritten method would exceed the 64 KiB limit') : 'no refusal naming refused.Huge.huge and line 7'
assert log.contains('jcoro: 1 problem(s) in ') : 'the build did not fail on the refusal'
assert log.contains('BUILD FAILURE')
return true
