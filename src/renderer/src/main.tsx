import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './app.css';
import { createTheme, MantineProvider } from '@mantine/core';
import { ModalsProvider } from '@mantine/modals';
import { Notifications } from '@mantine/notifications';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// The DOM build of RouterProvider: it hands react-dom's flushSync to the router, which the quick
// search needs to keep its URL and its input in step on every keystroke.
import { RouterProvider } from 'react-router/dom';
import { router } from './routes';

const theme = createTheme({
  primaryColor: 'teal',
  defaultRadius: 'sm',
  fontSizes: { md: '14px' },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme} defaultColorScheme="light">
      <ModalsProvider>
        <Notifications position="bottom-right" />
        <RouterProvider router={router} />
      </ModalsProvider>
    </MantineProvider>
  </StrictMode>,
);
