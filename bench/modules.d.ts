// bpmn-moddle (the peer engine's parser, bench only) ships no types.
declare module 'bpmn-moddle' {
  export default class BpmnModdle {
    fromXML(xml: string): Promise<unknown>;
  }
}
