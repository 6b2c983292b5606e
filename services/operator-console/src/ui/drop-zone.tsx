import { useState } from 'preact/hooks';

/**
 * A file input that also takes files dropped on it. The input is emptied after each choice, so choosing the same
 * file again is a change too.
 */
export function DropZone(props: {
  label: string;
  accept: string;
  multiple?: boolean;
  onFiles: (files: File[]) => void;
}) {
  const [dragging, setDragging] = useState(false);
  return (
    <label
      class={`dropzone${dragging ? ' dropzone-active' : ''}`}
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        e.preventDefault();
        setDragging(false);
        props.onFiles([...(e.dataTransfer?.files ?? [])]);
      }}
    >
      <span>{props.label}</span>
      <input
        type="file"
        multiple={props.multiple}
        accept={props.accept}
        onChange={(e) => {
          const input = e.currentTarget;
          const files = [...(input.files ?? [])];
          input.value = '';
          props.onFiles(files);
        }}
      />
    </label>
  );
}
