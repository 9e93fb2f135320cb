import { readJavaProperties } from '../../../src/zookeeper-server/properties';

describe('readJavaProperties', () => {
  it("reads Kafka's stock zookeeper.properties", () => {
    const props = readJavaProperties(
      [
        '# the directory where the snapshot is stored.',
        'dataDir=/tmp/zookeeper',
        '! another comment style',
        'clientPort=2181',
        'maxClientCnxns=0',
        '',
        'admin.enableServer=false',
        '# admin.serverPort=8080',
      ].join('\n'),
    );
    expect([...props]).toEqual([
      ['dataDir', '/tmp/zookeeper'],
      ['clientPort', '2181'],
      ['maxClientCnxns', '0'],
      ['admin.enableServer', 'false'],
    ]);
  });

  it('accepts the three separators, blanks around them, CRLF and duplicate keys', () => {
    const props = readJavaProperties('  a = 1\r\nb:2\r\nc 3\r\nd\r\na=4\r\n');
    expect(props.get('a')).toBe('4');
    expect(props.get('b')).toBe('2');
    expect(props.get('c')).toBe('3');
    expect(props.get('d')).toBe('');
  });

  it('joins continued lines and decodes escapes', () => {
    const props = readJavaProperties('path=/a/\\\n    b\nkey\\=x=y\nt=tab\\there\nu=\\u0041\nend=\\\\\n');
    expect(props.get('path')).toBe('/a/b');
    expect(props.get('key=x')).toBe('y');
    expect(props.get('t')).toBe('tab\there');
    expect(props.get('u')).toBe('A');
    expect(props.get('end')).toBe('\\');
  });
});
