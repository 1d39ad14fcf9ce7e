/** The app's single zustand store, assembled from slices. */
import { create } from 'zustand';
import { createAnytimeSlice, type AnytimeSlice } from './anytimeSlice';
import { createBackendSlice, type BackendSlice } from './backendSlice';
import { createGeoSlice, type GeoSlice } from './geoSlice';
import { createLabSlice, type LabSlice } from './labSlice';
import { createProgressSlice, type ProgressSlice } from './progressSlice';
import { createTradeoffSlice, type TradeoffSlice } from './tradeoffSlice';
import { createUiSlice, type UiSlice } from './uiSlice';
import { createUserModelSlice, type UserModelSlice } from './userModelSlice';

export type AppState = BackendSlice &
  LabSlice &
  UiSlice &
  TradeoffSlice &
  ProgressSlice &
  GeoSlice &
  AnytimeSlice &
  UserModelSlice;

export const useAppStore = create<AppState>()((...a) => ({
  ...createBackendSlice(...a),
  ...createLabSlice(...a),
  ...createUiSlice(...a),
  ...createTradeoffSlice(...a),
  ...createProgressSlice(...a),
  ...createGeoSlice(...a),
  ...createAnytimeSlice(...a),
  ...createUserModelSlice(...a),
}));
