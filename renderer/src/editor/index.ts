/**
 * The editor core of the reader view: masks, tools, viewport math, reading rules, undo/redo and
 * shortcuts. Plain TypeScript: no React, no Konva, no DOM canvas. See README.md beside this file.
 */
export * from './geometry';
export * from './mask/sliceMask';
export * from './mask/paint';
export * from './mask/polygonFill';
export * from './mask/components';
export * from '../../../shared/geometry/sha256';
export * from './mask/maskDiff';
export * from './tools/tool';
export * from './tools/strokeTool';
export * from './tools/lassoTool';
export * from './tools/polygonTool';
export * from './tools/commands';
export * from './viewport';
export * from './reading';
export * from './change';
export * from './history';
export * from './session';
export * from './shortcuts';
export * from './readerController';
